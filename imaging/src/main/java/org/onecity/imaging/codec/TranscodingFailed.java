package org.onecity.imaging.codec;

/** An object could not be turned into the syntax asked for; the message says why, in words for the receiver. */
public class TranscodingFailed extends RuntimeException {

    public TranscodingFailed(String message) {
        super(message);
    }

    public TranscodingFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
