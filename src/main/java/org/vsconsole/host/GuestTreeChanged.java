package org.vsconsole.host;

/**
 * A Spring application event: a guest's config tree, or what the console knows of it, changed.
 * Published for every write through the config writer and for every change the sync finds made
 * outside the console, so whoever caches the tree (the sampler) listens once instead of every
 * feature calling it by hand after each write.
 *
 * @param guest the guest's name
 */
public record GuestTreeChanged(String guest) {
}
