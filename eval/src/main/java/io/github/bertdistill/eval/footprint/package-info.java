/** Footprint of a model: parameter count, bytes on disk and resident memory of the process. */
package io.github.bertdistill.eval.footprint;
