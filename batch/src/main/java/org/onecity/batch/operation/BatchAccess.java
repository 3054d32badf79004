package org.onecity.batch.operation;

import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;
import org.onecity.common.security.SmartScopes;
import org.springframework.stereotype.Component;

/**
 * Who may run and watch the batch: the health bureau's systems, whose token grants the claims the jobs settle
 * ({@code Claim} create to run a job, read to watch one). Settlements are the city's money, so nobody else may.
 */
@Component
public class BatchAccess {

    public CityPrincipal requireOperator(char interaction) {
        CityPrincipal caller = CityPrincipal.current().orElseThrow(() ->
                new Jobs.JobRefused(403, "forbidden", "No verified token on this request"));
        if (!caller.scopes().permits("Claim", interaction)) {
            throw new Jobs.JobRefused(403, "forbidden", "The token's scopes do not grant '" + interaction + "' on Claim");
        }
        if (!caller.is(Role.ADMIN)) {
            throw new Jobs.JobRefused(403, "forbidden", "Only the health bureau runs and watches the batch");
        }
        return caller;
    }

    public CityPrincipal requireRunner() {
        return requireOperator(SmartScopes.CREATE);
    }

    public CityPrincipal requireWatcher() {
        return requireOperator(SmartScopes.READ);
    }
}
