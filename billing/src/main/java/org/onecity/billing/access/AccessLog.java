package org.onecity.billing.access;

import org.onecity.common.security.CityPrincipal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;

/** Every read of a card's financial data, recorded so that its holder can see who looked. */
@Repository
public class AccessLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    public AccessLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void read(CityPrincipal who, String action, String cardNumber, String subject) {
        jdbc.sql("insert into access_log (at, who, role, action, card_number, subject) values (?, ?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), who.subject(), who.role().claim(), action, cardNumber, subject)
                .update();
    }
}
