package org.onecity.batch.operation;

import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersInvalidException;
import org.springframework.batch.core.JobParametersValidator;

import java.util.Set;
import java.util.TreeSet;

/**
 * A job's parameter names: the required ones must be there and no other than the optional ones may be (a misspelt
 * parameter is refused, not ignored).
 */
public record JobParameterNames(Set<String> required, Set<String> optional) implements JobParametersValidator {

    public static JobParameterNames of(Set<String> required, Set<String> optional) {
        return new JobParameterNames(required, optional);
    }

    @Override
    public void validate(JobParameters parameters) throws JobParametersInvalidException {
        Set<String> given = parameters == null ? Set.of() : parameters.getParameters().keySet();
        Set<String> missing = new TreeSet<>(required);
        missing.removeAll(given);
        if (!missing.isEmpty()) {
            throw new JobParametersInvalidException("Missing parameter(s) " + missing + "; the job takes " + required
                    + (optional.isEmpty() ? "" : " and optionally " + optional));
        }
        Set<String> unknown = new TreeSet<>(given);
        unknown.removeAll(required);
        unknown.removeAll(optional);
        if (!unknown.isEmpty()) {
            throw new JobParametersInvalidException("Unknown parameter(s) " + unknown + "; the job takes " + required
                    + (optional.isEmpty() ? "" : " and optionally " + optional));
        }
    }
}
