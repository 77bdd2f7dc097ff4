"""Stage 2: per-article extractors that turn text into typed, normalised claims."""
