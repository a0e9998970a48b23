"""Local inference, no Qt: model catalog, GGUF metadata, the worker process and its
client, grammar-constrained structured output."""
