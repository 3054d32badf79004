package org.onecity.batch.history;

import org.hl7.fhir.r4.model.Identifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** The export ids a hospital's history import has stored, and the business identifiers they were stored by. */
@Repository
public class HistoryReferences {

    private final JdbcTemplate jdbc;

    public HistoryReferences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Identifier> find(String hospital, String type, String sourceId) {
        return jdbc.query("select system, value from history_reference where hospital = ? and resource_type = ? "
                        + "and source_id = ?", (rs, n) -> new Identifier().setSystem(rs.getString(1)).setValue(rs.getString(2)),
                hospital, type, sourceId).stream().findFirst();
    }

    public void remember(String hospital, List<HistoryRecord> records) {
        jdbc.batchUpdate("""
                        insert into history_reference (hospital, resource_type, source_id, system, value)
                        values (?, ?, ?, ?, ?) on conflict (hospital, resource_type, source_id)
                        do update set system = excluded.system, value = excluded.value""",
                records.stream().filter(r -> r.sourceId() != null).map(r -> new Object[] {hospital,
                        r.resource().fhirType(), r.sourceId(), r.businessIdentifier().getSystem(),
                        r.businessIdentifier().getValue()}).toList());
    }
}
