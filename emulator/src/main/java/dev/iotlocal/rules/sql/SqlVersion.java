package dev.iotlocal.rules.sql;

/**
 * The {@code awsIotSqlVersion} of a rule. AWS uses 2015-10-08 when a rule names none.
 *
 * <p>Differences implemented here: 2016-03-23 (and beta) add object and array literals, nested
 * {@code SELECT ... FROM} queries, top-level arrays from {@code SELECT VALUE}, the cast types Decimal
 * and Bool/Boolean, the functions marked "2016-03-23 and later" in AWS's function list, and it treats
 * whole decimals such as {@code 10.0} as Int.
 */
public enum SqlVersion {
    V2015_10_08("2015-10-08"),
    V2016_03_23("2016-03-23"),
    /** AWS's moving beta version; treated as 2016-03-23, the newest version with documented rules. */
    BETA("beta");

    private final String awsName;

    SqlVersion(String awsName) {
        this.awsName = awsName;
    }

    /**
     * The version AWS calls {@code awsName}; {@code null} gives AWS's default, 2015-10-08.
     *
     * @throws IllegalArgumentException for any other name, listing the allowed ones
     */
    public static SqlVersion of(String awsName) {
        if (awsName == null) {
            return V2015_10_08;
        }
        for (SqlVersion v : values()) {
            if (v.awsName.equals(awsName)) {
                return v;
            }
        }
        throw new IllegalArgumentException("Unknown AWS IoT SQL version '" + awsName
                + "': use one of 2015-10-08, 2016-03-23 or beta (or leave it out for 2015-10-08).");
    }

    /** The name AWS uses, e.g. {@code "2016-03-23"}; what {@code sql_version()} returns. */
    public String awsName() {
        return awsName;
    }

    /** True for 2016-03-23 and later. */
    boolean atLeast2016() {
        return this != V2015_10_08;
    }

    @Override
    public String toString() {
        return awsName;
    }
}
