"""Stage 5: findings, their ordering, fingerprints, baselines and waivers."""
