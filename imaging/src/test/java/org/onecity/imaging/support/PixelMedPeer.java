package org.onecity.imaging.support;

import com.pixelmed.dicom.SetOfDicomFiles;
import com.pixelmed.network.MultipleInstanceTransferStatusHandler;
import com.pixelmed.network.StorageSOPClassSCU;

import java.nio.file.Path;

/** PixelMed's storage SCU as a peer, for what dcmtk's storescu declines to send (a class it does not know). */
public final class PixelMedPeer {

    private PixelMedPeer() {
    }

    /** Sends one file by C-STORE; returns whether the archive answered success. */
    public static boolean store(String callingAe, String calledAe, int port, Path file) {
        SetOfDicomFiles files = new SetOfDicomFiles(new String[] {file.toString()});
        int[] failed = {-1};
        new StorageSOPClassSCU("127.0.0.1", port, calledAe, callingAe, files, 0, new MultipleInstanceTransferStatusHandler() {
            @Override
            public void updateStatus(int remaining, int completed, int failures, int warnings, String sopInstanceUid) {
                failed[0] = failures;
            }
        });
        return failed[0] == 0;
    }
}
