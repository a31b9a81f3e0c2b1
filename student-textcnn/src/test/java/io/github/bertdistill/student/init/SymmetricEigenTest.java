package io.github.bertdistill.student.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    @Test
    void decomposesARandomSymmetricMatrix() {
        int n = 40;
        Random random = new Random(5);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = a[j][i] = random.nextGaussian();
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(a);
        for (int k = 0; k < n; k++) {
            double[] v = eigen.vector(k);
            double norm = 0;
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int j = 0; j < n; j++) {
                    av += a[i][j] * v[j];
                }
                assertEquals(eigen.value(k) * v[i], av, 1e-9, "A·v = λ·v for " + k);
                norm += v[i] * v[i];
            }
            assertEquals(1, norm, 1e-9);
            if (k > 0) {
                assertTrue(eigen.value(k) <= eigen.value(k - 1));
                double dot = 0;
                double[] u = eigen.vector(k - 1);
                for (int i = 0; i < n; i++) {
                    dot += u[i] * v[i];
                }
                assertEquals(0, dot, 1e-9);
            }
        }
    }

    @Test
    void handlesDiagonalAndDegenerateMatrices() {
        SymmetricEigen diagonal =
                SymmetricEigen.of(new double[][] {{1, 0, 0}, {0, 3, 0}, {0, 0, 2}});
        assertEquals(3, diagonal.value(0), 1e-12);
        assertEquals(2, diagonal.value(1), 1e-12);
        assertEquals(1, diagonal.value(2), 1e-12);
        assertEquals(1, diagonal.vector(0)[1], 1e-12);
        SymmetricEigen zero = SymmetricEigen.of(new double[2][2]);
        assertEquals(0, zero.value(0), 0);
        SymmetricEigen one = SymmetricEigen.of(new double[][] {{4}});
        assertEquals(4, one.value(0), 0);
    }
}
