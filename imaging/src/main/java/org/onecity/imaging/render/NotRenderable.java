package org.onecity.imaging.render;

/** A frame whose pixel layout the renderer does not draw; the message says which. */
public class NotRenderable extends RuntimeException {
    public NotRenderable(String message) {
        super(message);
    }
}
