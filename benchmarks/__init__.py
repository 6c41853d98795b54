"""What measures hoidap (speed, the chat page under load, sentence choice): run as ``python -m benchmarks.<name>``."""
