package dev.th.query;

/**
 * The key that names a row's file across machines, in SQL: its MD5 when the row knows it, else its
 * path (lower case), else its name; a row without a child file names its actor's path. The store's
 * sightings (first time per client, file and machine) and the questions' FreshUnknown use the same key.
 */
public final class FileKey {
    private FileKey() {
    }

    /** The key of the row whose rendered columns are given (child MD5, path, name; actor path). */
    public static String sql(String md5, String path, String name, String parentPath) {
        return "CASE WHEN " + md5 + " IS NOT NULL THEN 'md5:' || lower(" + md5 + ") "
                + "WHEN " + path + " IS NOT NULL THEN 'path:' || lower(" + path + ") "
                + "WHEN " + name + " IS NOT NULL THEN 'name:' || lower(" + name + ") "
                + "WHEN " + parentPath + " IS NOT NULL THEN 'path:' || lower(" + parentPath + ") END";
    }

    /** The key of an acting process's file (its path: no event logs the actor's MD5). */
    public static String actorSql(String parentPath) {
        return "'path:' || lower(" + parentPath + ")";
    }
}
