package org.onecity.fhir.server;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.model.entity.StorageSettings;
import org.hibernate.cfg.AvailableSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Map;

/**
 * OneCity's changes to HAPI's storage defaults, chosen for hospitals pushing large transaction bundles.
 * With {@code enabled=false} the server runs HAPI's default configuration (what the ingest benchmark compares with).
 *
 * @param enabled         apply the tuning
 * @param jdbcBatchSize   rows per JDBC batch; with PostgreSQL's reWriteBatchedInserts a batch becomes one statement
 * @param inlineTextBelow resource bodies below this many characters live in the version row, not in a LOB
 */
@ConfigurationProperties("onecity.fhir.storage")
public record StorageTuning(Boolean enabled, Integer jdbcBatchSize, Integer inlineTextBelow, Boolean massIngestion) {

    /** Matches fetched by a search's first pass, then its later passes ({@code -1}: the rest). */
    static final List<Integer> FIRST_PASS = List.of(10_003, 1_000_003, -1);

    public StorageTuning {
        enabled = enabled == null || enabled;
        jdbcBatchSize = jdbcBatchSize == null ? 100 : jdbcBatchSize;
        inlineTextBelow = inlineTextBelow == null ? 32_000 : inlineTextBelow;
        massIngestion = massIngestion == null || massIngestion;
    }

    void applyTo(JpaStorageSettings settings) {
        if (!enabled) {
            return;
        }
        settings.setInlineResourceTextBelowSize(inlineTextBelow);
        // conditional updates by business identifier are how hospitals push: remember resolved match URLs
        settings.setMatchUrlCacheEnabled(true);
        settings.setTagStorageMode(StorageSettings.TagStorageModeEnum.INLINE);
        settings.setIndexStorageOptimized(true);
        settings.setIndexMissingFields(StorageSettings.IndexEnabledEnum.DISABLED);
        settings.setAutoCreatePlaceholderReferenceTargets(false);
        settings.setMassIngestionMode(massIngestion);
        // the search parameter identity table only serves HAPI's diagnostics; writing it costs every new hash
        settings.setWriteToSearchParamIdentityTable(false);
        // a doctor sees the newest result, never a search answered a minute ago from HAPI's result cache
        settings.setReuseCachedSearchResultsForMillis(null);
        // HAPI fetches a search's matches in passes, and a page beyond what the passes so far have fetched polls for
        // the next pass every half second: a patient's whole history (the portal reads at most 10,000 records of it)
        // in the first pass, so a doctor paging through it never waits on the poll
        settings.setSearchPreFetchThresholds(FIRST_PASS);
    }

    void applyTo(Map<String, String> hibernate) {
        if (!enabled) {
            hibernate.putIfAbsent(AvailableSettings.STATEMENT_BATCH_SIZE, "20");
            return;
        }
        hibernate.put(AvailableSettings.STATEMENT_BATCH_SIZE, String.valueOf(jdbcBatchSize));
        hibernate.put(AvailableSettings.ORDER_INSERTS, "true");
        hibernate.put(AvailableSettings.ORDER_UPDATES, "true");
        hibernate.put(AvailableSettings.BATCH_VERSIONED_DATA, "true");
    }
}
