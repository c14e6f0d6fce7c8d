/**
 * The normalizer's steps that need more than one event, run in the store when an input is
 * committed (and again by {@code th store renormalize}): the input's clock offset
 * ({@link dev.th.store.link.ClockOffset}), drive letters of {@code \device\harddiskvolumeN}
 * paths ({@link dev.th.store.link.DriveLetters}), the remote names of connections from the DNS
 * queries of the same process ({@link dev.th.store.link.DnsNames}), account names of SIDs
 * ({@link dev.th.store.link.AccountNames}) and the object of a 4660
 * from its handle ({@link dev.th.store.link.HandleObjects}). {@link dev.th.store.link.Linker}
 * runs them; docs/normalize.md states the rules.
 */
package dev.th.store.link;
