"""Stage 3: decide which claims from different articles are about the same thing."""
