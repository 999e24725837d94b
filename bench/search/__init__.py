"""Thai search benchmarks: `run` (quality, Material vs ours) and `scale` (5,000 records)."""
