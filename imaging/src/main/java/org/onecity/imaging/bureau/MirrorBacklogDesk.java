package org.onecity.imaging.bureau;

import org.onecity.imaging.access.ImagingAccess;
import org.onecity.imaging.mirror.MirrorOutbox;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /mirror/outbox}: how far the mirror into the city record is behind — the studies waiting, the oldest
 * waiting since, and the failing deliveries with their last error (the longest-waiting first, at most
 * {@value #MOST_FAILING}). The bureau's alone: it watches every hospital's deliveries. (Beside the mirror, not in it:
 * the access rules read the mirror's study index, so the mirror may not use them.)
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
        ImagingAccess.bureau("Only the bureau watches the mirror's outbox");
        return outbox.backlog(Math.max(1, Math.min(failing, MOST_FAILING)));
    }
}
