"""Stage 6: render a report in one of several formats."""
