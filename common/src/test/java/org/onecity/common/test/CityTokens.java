package org.onecity.common.test;

import com.nimbusds.jwt.SignedJWT;
import org.onecity.common.identity.DemoIdentities;
import org.onecity.common.identity.Tokens;

import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens of the demo city's people and systems, obtained from the test JVM's embedded issuer through the
 * real flows (client credentials, authorization code with PKCE) and reused until shortly before they expire.
 */
public final class CityTokens {

    public static final String APP = "onecity-app";
    public static final String REDIRECT = "http://127.0.0.1/callback";
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    private static final DemoIdentities IDENTITIES = DemoIdentities.load(TestInfrastructure.IDENTITIES);

    private CityTokens() {
    }

    /** A hospital system's token, e.g. {@code hospital("H001")}. */
    public static String hospital(String code) {
        return system("hospital-" + code.toLowerCase());
    }

    public static String insurer() {
        return system("insurer-city-fund");
    }

    public static String admin() {
        return system("bureau-admin");
    }

    public static String system(String clientId) {
        return cached("system:" + clientId, () -> fresh(clientId));
    }

    /** A new token for a system, never cached (for tokens meant to expire). */
    public static String fresh(String clientId) {
        return tokens().forSystem(clientId, IDENTITIES.client(clientId).orElseThrow().secret());
    }

    /** A doctor's token, e.g. {@code doctor("dr.wang")}, with user scopes. */
    public static String doctor(String username) {
        return person(username, "openid fhirUser user/*.rs");
    }

    /** A patient's token, e.g. {@code patient("zhang.wei")}, with patient scopes. */
    public static String patient(String username) {
        return person(username, "openid fhirUser patient/*.rs patient/Consent.cru");
    }

    /** A token of an insurer's person or a bureau person, e.g. {@code staff("wu.jing")}, as the portal asks for one. */
    public static String staff(String username) {
        return person(username, "openid fhirUser user/*.rs user/PaymentReconciliation.c");
    }

    public static String person(String username, String scopes) {
        return cached("person:" + username + ":" + scopes, () -> tokens().forPerson(APP, REDIRECT, username,
                IDENTITIES.user(username).orElseThrow().password(), scopes));
    }

    public static Tokens tokens() {
        return new Tokens(TestInfrastructure.issuer().issuerUri());
    }

    private static String cached(String key, java.util.function.Supplier<String> obtain) {
        return CACHE.compute(key, (k, token) -> token != null && !expiresSoon(token) ? token : obtain.get());
    }

    private static boolean expiresSoon(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant()
                    .isBefore(Instant.now().plusSeconds(60));
        } catch (ParseException e) {
            return true;
        }
    }
}
