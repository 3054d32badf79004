package org.onecity.imaging.dimse;

import org.junit.jupiter.api.Test;
import org.onecity.imaging.index.StoredInstance;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The presentation contexts a C-MOVE proposes to its destination, and how many associations they take. */
class StoreContextsTest {

    private static StoredInstance instance(String sopClass, String syntax) {
        return new StoredInstance("1.2", "1.2.3", "1.2.3." + Math.abs(syntax.hashCode() + sopClass.hashCode()), sopClass,
                syntax, "key", 1, "sha", "H001", 1, 1, 1);
    }

    @Test
    void each_class_proposes_each_stored_syntax_alone_and_a_fallback_of_uncompressed_syntaxes() {
        var batches = StoreContexts.plan(List.of(instance("1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1"),
                instance("1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.4.90"),
                instance("1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.4.90"),
                instance("1.2.840.10008.5.1.4.1.1.4", "1.2.840.10008.1.2.5")));

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).proposals()).extracting(p -> p.sopClass() + " " + p.syntaxes()).containsExactly(
                "1.2.840.10008.5.1.4.1.1.2 [1.2.840.10008.1.2.1]",
                "1.2.840.10008.5.1.4.1.1.2 [1.2.840.10008.1.2.4.90]",
                "1.2.840.10008.5.1.4.1.1.2 [1.2.840.10008.1.2.1, 1.2.840.10008.1.2]",
                "1.2.840.10008.5.1.4.1.1.4 [1.2.840.10008.1.2.5]",
                "1.2.840.10008.5.1.4.1.1.4 [1.2.840.10008.1.2.1, 1.2.840.10008.1.2]");
        assertThat(batches.get(0).contexts()).extracting(c -> (int) c.getIdentifier()).containsExactly(1, 3, 5, 7, 9);
        assertThat(batches.get(0).instances()).hasSize(4);
    }

    @Test
    void more_than_128_contexts_go_over_several_associations_with_a_classs_contexts_together() {
        List<StoredInstance> instances = new ArrayList<>();
        for (int c = 0; c < 50; c++) {
            for (String syntax : List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2.4.70")) {
                instances.add(instance("1.2.840.10008.5.1.4.1.1." + (100 + c), syntax));
            }
        }

        var batches = StoreContexts.plan(instances);

        assertThat(batches).hasSize(2);
        assertThat(batches).allSatisfy(b -> assertThat(b.proposals().size()).isLessThanOrEqualTo(128));
        assertThat(batches.get(0).proposals()).hasSize(126);
        assertThat(batches.stream().mapToInt(b -> b.instances().size()).sum()).isEqualTo(100);
        assertThat(batches.get(0).proposals().get(125).sopClass())
                .isNotEqualTo(batches.get(1).proposals().get(0).sopClass());
    }
}
