package org.onecity.portal.city;

/** A service said no (4xx): the page shows the reason in the person's words, and nothing changed. */
public class ServiceRefused extends RuntimeException {

    private final int status;

    public ServiceRefused(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean isForbiddenOrUnknown() {
        return status == 403 || status == 404;
    }
}
