/** The safetensors weight format, read and written in Java. */
package io.github.bertdistill.student.storage;
