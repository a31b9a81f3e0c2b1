/**
 * BERT teachers: a Hugging Face compatible BERT encoder built from DJL blocks, weight import (ONNX,
 * safetensors, TensorFlow checkpoints), the WordPiece tokenizer and the classification head.
 * Depends only on {@code core}.
 */
package io.github.bertdistill.teacher;
