package org.onecity.batch.insurer;

import org.onecity.batch.operation.Jobs;
import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;
import org.springframework.stereotype.Component;

/**
 * Who sees an insurer's settlements: the insurer (its system, or a person of it) and the bureau, with a token whose
 * scopes grant the interaction. Everyone else is refused, whatever the route.
 */
@Component
public class InsurerAccess {

    public CityPrincipal require(String insurer, String resourceType, char interaction) {
        CityPrincipal caller = CityPrincipal.current().orElseThrow(() ->
                new Jobs.JobRefused(403, "forbidden", "No verified token on this request"));
        if (!caller.scopes().permits(resourceType, interaction)) {
            throw new Jobs.JobRefused(403, "forbidden", "The token's scopes do not grant '" + interaction + "' on "
                    + resourceType);
        }
        boolean entitled = caller.is(Role.ADMIN) || caller.is(Role.INSURER) && insurer.equals(caller.insurer());
        if (!entitled) {
            throw new Jobs.JobRefused(403, "forbidden", "Only insurer " + insurer + " and the bureau see its settlements");
        }
        return caller;
    }
}
