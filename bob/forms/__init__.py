"""Forms of the BOB procedure: they validate input only; services do the writing."""
