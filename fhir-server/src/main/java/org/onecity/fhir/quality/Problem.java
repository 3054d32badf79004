package org.onecity.fhir.quality;

/**
 * Something wrong with incoming data, and where.
 *
 * @param location a FHIRPath to the element, from the root of what the hospital sent
 * @param message  what is wrong, in words a hospital's integration engineer can act on
 */
public record Problem(String location, String message) {
}
