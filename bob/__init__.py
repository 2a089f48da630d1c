"""BOB: beeldvorming, oordeelsvorming, besluitvorming — information requests, scenarios,
decisions, besluitenlijst, actions."""
