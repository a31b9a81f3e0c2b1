package io.github.bertdistill.eval.latency;

/** Consumes benchmark outputs so that the JIT cannot drop the work that produced them. */
final class Sink {
    private double checksum;

    void consume(float[] values) {
        if (values.length > 0) {
            checksum += values[0];
        }
    }

    void consume(float[][] rows) {
        if (rows.length > 0) {
            consume(rows[0]);
        }
    }

    /** The accumulated checksum (meaningless; read so the work stays observable). */
    double checksum() {
        return checksum;
    }
}
