package org.onecity.billing.policy;

import java.util.List;
import java.util.Optional;

/** Every published policy, by scheme and year; a bill takes the policy of its scheme and the year it is billed in. */
public final class PolicyBook {

    private final List<InsurancePolicy> policies;

    public PolicyBook(List<InsurancePolicy> policies) {
        this.policies = List.copyOf(policies);
        for (InsurancePolicy policy : policies) {
            if (policies.stream().filter(p -> p.scheme() == policy.scheme() && p.year() == policy.year()).count() > 1) {
                throw new IllegalArgumentException("Two policies for " + policy.scheme() + " in " + policy.year());
            }
        }
    }

    public Optional<InsurancePolicy> policy(Scheme scheme, int year) {
        return policies.stream().filter(p -> p.scheme() == scheme && p.year() == year).findFirst();
    }

    public List<InsurancePolicy> policies() {
        return policies;
    }
}
