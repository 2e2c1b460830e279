"""Research and analyst exports: privacy-safe location trends (trends*, buckets, writers, plot) and item
exports with optional pseudonymisation (items, pseudonymise). Rules and columns: docs/EXPORTS.md."""
