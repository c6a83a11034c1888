package io.camstream.operator.testing.apiserver;

/**
 * One change of a resource's store, as its watchers see it: an object added ({@code previous} null), changed, or
 * deleted ({@code current} null; {@code deletedJson} is the last state with the deletion's resourceVersion, as
 * etcd's watch reports a delete).
 *
 * @param at when it happened, in the store clock's milliseconds: history older than the retention is compacted
 */
record StoreEvent(long resourceVersion, StoredObject previous, StoredObject current, String deletedJson, long at) {
}
