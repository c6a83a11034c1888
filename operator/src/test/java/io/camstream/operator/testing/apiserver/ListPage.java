package io.camstream.operator.testing.apiserver;

import java.util.List;

/**
 * One answer to a list: the items, the revision they were read at, and where the next page starts.
 *
 * @param continueToken null on the last page
 * @param remainingItemCount null unless more pages follow and nothing filtered the list
 */
record ListPage(List<StoredObject> items, long resourceVersion, String continueToken, Long remainingItemCount) {
}
