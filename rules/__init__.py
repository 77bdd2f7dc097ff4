"""Stage 4: rules that compare aligned claims and produce findings."""
