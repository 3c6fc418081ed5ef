package io.newswire.notify.social;

/**
 * One record on {@value SocialFanOut#TOPIC}: do {@code type} for story {@code storyId} on account
 * {@code accountId}. Keyed by the account id, so one account's work is on one partition, in order.
 *
 * @param type {@value #POST}, {@value #EDIT} (the title changed) or {@value #DELETE} (the story was retracted)
 */
record SocialWork(String type, String storyId, String accountId) {

    static final String POST = "post";
    static final String EDIT = "edit";
    static final String DELETE = "delete";
}
