package org.onecity.imaging.mirror;

import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;
import org.onecity.imaging.access.ImagingAccess;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /mirror/outbox}: how far the mirror into the city record is behind — the studies waiting, the oldest
 * waiting since, and the failing deliveries with their last error (the longest-waiting first, at most
 * {@value #MOST_FAILING}). The bureau's alone: it watches every hospital's deliveries.
 */
@RestController
class MirrorBacklogDesk {

    static final int MOST_FAILING = 100;

    private final MirrorOutbox outbox;

    MirrorBacklogDesk(MirrorOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/mirror/outbox")
    MirrorOutbox.Backlog backlog(@RequestParam(defaultValue = "20") int failing) {
        CityPrincipal who = CityPrincipal.current().orElseThrow(() -> new ImagingAccess.Forbidden("No token"));
        if (!who.is(Role.ADMIN)) {
            throw new ImagingAccess.Forbidden("Only the bureau watches the mirror's outbox");
        }
        return outbox.backlog(Math.max(1, Math.min(failing, MOST_FAILING)));
    }
}
