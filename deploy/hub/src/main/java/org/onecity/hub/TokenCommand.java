package org.onecity.hub;

import org.onecity.common.identity.DemoIdentities;
import org.onecity.common.identity.Tokens;

/**
 * {@code ./onecity token <client or user>}: prints an access token from the running hub's issuer, through the real
 * flows (client credentials for a system, sign-in with PKCE for a person), for trying the API with curl.
 */
public final class TokenCommand {

    private TokenCommand() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ./onecity token <client id or user name>, e.g. bureau-admin, hospital-h001, dr.wang, zhang.wei");
            System.exit(2);
        }
        HubSettings settings = HubSettings.fromEnvironment();
        String issuer = settings.issuerUri() != null ? settings.issuerUri() : "http://localhost:" + settings.issuerPort();
        DemoIdentities identities = DemoIdentities.load(settings.identities());
        Tokens tokens = new Tokens(issuer);
        String name = args[0];
        var client = identities.client(name);
        if (client.isPresent() && client.get().isSystem()) {
            System.out.println(tokens.forSystem(name, client.get().secret()));
            return;
        }
        var user = identities.user(name).orElseThrow(() -> new IllegalArgumentException("No client or user " + name));
        String scopes = "patient".equals(user.role())
                ? "openid fhirUser patient/*.rs patient/Consent.cru patient/Invoice.rs patient/Account.rs patient/PaymentNotice.c"
                : "openid fhirUser user/*.rs user/PaymentReconciliation.c"; // the issuer keeps the last for insurers only
        System.out.println(tokens.forPerson("onecity-app", "http://127.0.0.1/callback", name, user.password(), scopes));
    }
}
