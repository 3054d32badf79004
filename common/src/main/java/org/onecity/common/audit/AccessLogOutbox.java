package org.onecity.common.audit;

import java.util.List;

/**
 * A service's access-log entries not yet in the city record, oldest first. Several nodes may hand out the same
 * entry; the city record records each id once, so an entry is sent at least once and recorded exactly once.
 */
public interface AccessLogOutbox {

    List<RelayedAccess> pending(int max);

    void relayed(List<String> eventIds);
}
