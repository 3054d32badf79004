package org.onecity.billing.access;

import org.onecity.common.audit.AccessLogOutbox;
import org.onecity.common.audit.RelayedAccess;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.security.CityPrincipal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Every read of a card's financial data, recorded so that its holder can see who looked. The entries are relayed to
 * the city record's access log, the one list a person reads; until it has them, they wait here.
 */
@Repository
public class AccessLog implements AccessLogOutbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    public AccessLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void read(CityPrincipal who, String action, String cardNumber, String subject) {
        String organization = who.hospital() != null ? who.hospital() : who.insurer();
        jdbc.sql("""
                insert into access_log (at, who, role, action, card_number, subject, organization, citizen_id)
                values (?, ?, ?, ?, ?, ?, ?, (select citizen_id from card_account where card_number = ?))""")
                .params(Timestamp.from(clock.instant()), who.subject(), who.role().claim(), action, cardNumber, subject,
                        organization, cardNumber)
                .update();
    }

    @Override
    public List<RelayedAccess> pending(int max) {
        return jdbc.sql("""
                select id, at, who, role, organization, action, card_number, citizen_id, subject
                from access_log where relayed_at is null order by id limit ?""")
                .param(max)
                .query((rs, i) -> {
                    String role = rs.getString("role");
                    List<RelayedAccess.PersonIdentifier> person = new ArrayList<>();
                    if (rs.getString("citizen_id") != null) {
                        person.add(new RelayedAccess.PersonIdentifier(CityIdentifiers.CITIZEN_ID, rs.getString("citizen_id")));
                    }
                    if (rs.getString("card_number") != null) {
                        person.add(new RelayedAccess.PersonIdentifier(CityIdentifiers.INSURANCE_CARD, rs.getString("card_number")));
                    }
                    return new RelayedAccess("billing-" + rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                            rs.getString("who"), null, role, rs.getString("organization"), 'R', 0, purposeOf(role), null,
                            rs.getString("action") + " " + rs.getString("subject") + " of card " + rs.getString("card_number"),
                            person);
                })
                .list();
    }

    @Override
    public void relayed(List<String> eventIds) {
        Long[] ids = eventIds.stream().map(id -> Long.parseLong(id.substring("billing-".length()))).toArray(Long[]::new);
        jdbc.sql("update access_log set relayed_at = ? where id = any(?)")
                .params(Timestamp.from(clock.instant()), ids).update();
    }

    /** Why a role looks at a card's money (HL7 v3 ActReason). */
    private static String purposeOf(String role) {
        return switch (role) {
            case "patient" -> "PATRQT";
            case "insurer" -> "HPAYMT";
            default -> "HOPERAT";
        };
    }
}
