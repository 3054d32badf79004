package org.onecity.portal.signin;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who signed in, read from the city's claims in the access token (role, hospital, citizen ID, name), which the
 * portal received straight from the issuer's token endpoint. The services check the token themselves.
 */
class PersonFromAccessToken implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final String PERSON = "onecity_person";

    private final OidcUserService oidc = new OidcUserService();

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = oidc.loadUser(request);
        Person person = person(user.getName(), request.getAccessToken().getTokenValue());
        List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority(person.role().authority()));
        Map<String, Object> claims = new HashMap<>(user.getClaims());
        claims.put(PERSON, person);
        return new DefaultOidcUser(authorities, user.getIdToken(),
                new org.springframework.security.oauth2.core.oidc.OidcUserInfo(claims), "sub");
    }

    static Person person(String username, String accessToken) {
        try {
            JWTClaimsSet claims = JWTParser.parse(accessToken).getJWTClaimsSet();
            String name = claims.getStringClaim("name");
            return new Person(username, name == null ? username : name,
                    Person.Role.of(claims.getStringClaim("onecity_role")), claims.getStringClaim("onecity_hospital"),
                    claims.getStringClaim("onecity_insurer"), claims.getStringClaim("onecity_citizen_id"));
        } catch (ParseException e) {
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token"), "The access token is not a JWT", e);
        }
    }
}
