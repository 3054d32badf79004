package org.onecity.common.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SMART App Launch scopes in v2 form ({@code system/Observation.cr}, {@code user/*.rs},
 * {@code patient/*.rs}); v1 forms ({@code .read}, {@code .write}, {@code .*}) are read as their v2 equivalents.
 */
public final class SmartScopes {

    /** What a scope grants: the context, the resource type ({@code *} for all) and the interactions. */
    public record Grant(String context, String resourceType, String interactions) {

        boolean covers(String type, char interaction) {
            return ("*".equals(resourceType) || resourceType.equals(type)) && interactions.indexOf(interaction) >= 0;
        }
    }

    /** c create, r read, u update, d delete, s search. */
    public static final char CREATE = 'c';
    public static final char READ = 'r';
    public static final char UPDATE = 'u';
    public static final char DELETE = 'd';
    public static final char SEARCH = 's';

    private static final Pattern SCOPE = Pattern.compile("(patient|user|system)/([A-Za-z]+|\\*)\\.([a-z*]+)");
    private static final Pattern V2 = Pattern.compile("c?r?u?d?s?");

    private final List<Grant> grants;

    private SmartScopes(List<Grant> grants) {
        this.grants = List.copyOf(grants);
    }

    public static SmartScopes parse(Collection<String> scopes) {
        List<Grant> grants = new ArrayList<>();
        for (String scope : scopes) {
            Matcher matcher = SCOPE.matcher(scope);
            if (!matcher.matches()) {
                continue; // openid, profile, launch... carry no data permission
            }
            String interactions = switch (matcher.group(3)) {
                case "read" -> "rs";
                case "write" -> "cud";
                case "*" -> "cruds";
                default -> V2.matcher(matcher.group(3)).matches() ? matcher.group(3) : "";
            };
            if (!interactions.isEmpty()) {
                grants.add(new Grant(matcher.group(1), matcher.group(2), interactions));
            }
        }
        return new SmartScopes(grants);
    }

    public boolean permits(String resourceType, char interaction) {
        return grants.stream().anyMatch(g -> g.covers(resourceType, interaction));
    }

    public List<Grant> grants() {
        return grants;
    }

    @Override
    public String toString() {
        return grants.toString();
    }
}
