/** The student as an ONNX graph, for runtimes outside the JVM (ONNX Runtime in Python, C#, …). */
package io.github.bertdistill.student.onnx;
