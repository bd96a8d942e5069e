package dev.iotlocal.rules.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SqlVersionTest {

    @Test
    void awsNamesRoundTrip() {
        for (SqlVersion v : SqlVersion.values()) {
            assertThat(SqlVersion.of(v.awsName())).isSameAs(v);
        }
        assertThat(SqlVersion.V2016_03_23.awsName()).isEqualTo("2016-03-23");
    }

    @Test
    void nullIsAwsDefault() {
        assertThat(SqlVersion.of(null)).isSameAs(SqlVersion.V2015_10_08);
    }

    @Test
    void unknownNamesListTheAllowedOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> SqlVersion.of("2017-01-01"))
                .withMessageContaining("'2017-01-01'").withMessageContaining("2015-10-08, 2016-03-23 or beta");
    }

    @Test
    void parseWithNullVersionUsesTheDefault() throws SqlParseException {
        IotSql sql = IotSql.parse("SELECT sql_version() AS v FROM 'a/+'", null);
        assertThat(sql.version()).isSameAs(SqlVersion.V2015_10_08);
        assertThat(sql.from()).isEqualTo(TopicFilter.parse("a/+"));
        assertThat(sql.sql()).isEqualTo("SELECT sql_version() AS v FROM 'a/+'");
    }

    @Test
    void betaBehavesAs2016() {
        assertThat(Sql.run("SELECT VALUE [1, 7 / 2.0] FROM '#'", SqlVersion.BETA, "{}")).isEqualTo("[1,3]");
        assertThat(Sql.value("sql_version()", SqlVersion.BETA)).isEqualTo("\"beta\"");
    }
}
