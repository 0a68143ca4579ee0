<?php
// PHP pgsql (libpq) with sslmode=require; everything else comes from the environment.
$host = getenv('PGTLS_HOST');
$port = getenv('PGTLS_PORT');
$user = getenv('PGTLS_USER');
$db = getenv('PGTLS_DB');
$conn = @pg_connect("host=$host port=$port user=$user dbname=$db sslmode=require");
if ($conn === false) {
    $err = error_get_last();
    echo ($err ? $err['message'] : 'connection failed'), "\n";
    exit(1);
}
$res = pg_query($conn, 'SELECT 1');
if ($res === false || pg_fetch_result($res, 0, 0) !== '1') {
    echo pg_last_error($conn), "\n";
    exit(1);
}
echo "connected\n";
