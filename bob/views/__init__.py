"""Views of the BOB procedure: parse input, call one service or selector, render."""
