package io.github.bertdistill.examples.pipeline;

import io.github.bertdistill.core.storage.FileErrors;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A model folder that cannot be used: none of the kinds {@link ModelFolders} knows, or one whose
 * files are missing or damaged. The message names the folder and what is wrong, e.g. {@code model
 * folder runs/x/teacher cannot be loaded: runs/x/teacher/model.safetensors: not a valid safetensors
 * file ...}.
 */
public final class ModelFolderException extends IOException {
    private static final long serialVersionUID = 1L;

    ModelFolderException(String message) {
        super(message);
    }

    private ModelFolderException(String message, Exception cause) {
        super(message, cause);
    }

    /** The folder could not be read or loaded because of {@code cause}. */
    static ModelFolderException cannotLoad(Path folder, Exception cause) {
        String reason =
                cause instanceof IOException io
                        ? FileErrors.cause(folder, io)
                        : cause.getMessage() != null
                                ? cause.getMessage()
                                : "its files are incomplete or damaged";
        return new ModelFolderException(
                "model folder " + folder + " cannot be loaded: " + reason, cause);
    }
}
