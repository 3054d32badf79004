package org.onecity.fhir.server;

/**
 * Marks a Spring bean as an interceptor of the FHIR REST server; the server registers them all in bean order.
 * HAPI interceptors are plain objects with {@code @Hook} methods, so this marker is how Spring finds them.
 */
public interface RestInterceptor {
}
