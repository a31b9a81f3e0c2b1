package io.github.bertdistill.serving;

/**
 * A request the server answers with an error status and a one-line JSON body {@code {"error": "…",
 * "error_type": "…"}}: 400 for bad JSON or fields, 405 for a wrong method, 413 for a body over the
 * limit, 503 when the queue is full or the server is shutting down.
 */
final class RequestRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;

    private RequestRefused(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    /** 400: the request's JSON or a field is wrong. */
    static RequestRefused badRequest(String message) {
        return new RequestRefused(400, "validation", message);
    }

    /** 405: the endpoint takes another method. */
    static RequestRefused methodNotAllowed(String message) {
        return new RequestRefused(405, "method_not_allowed", message);
    }

    /** 413: the body is larger than allowed. */
    static RequestRefused tooLarge(String message) {
        return new RequestRefused(413, "payload_too_large", message);
    }

    /** 503: no room in the queue. */
    static RequestRefused overloaded(String message) {
        return new RequestRefused(503, "overloaded", message);
    }

    /** 503: the server is shutting down. */
    static RequestRefused shuttingDown() {
        return new RequestRefused(503, "unavailable", "the server is shutting down");
    }

    /** The HTTP status. */
    int status() {
        return status;
    }

    /** The error's kind as Hugging Face's servers name it. */
    String type() {
        return type;
    }
}
