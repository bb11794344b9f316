"""Output formats: each one is a pure function of the computed reports."""
