"""Builders of random-weight models in the real Hugging Face on-disk layout.

Used by the test suite and the benchmarks (no network needed). Importing this
package is cheap; the builders import torch/transformers when called.
"""
