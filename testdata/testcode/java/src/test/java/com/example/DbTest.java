package com.example;

import java.sql.Connection;
import java.sql.DriverManager;

// Maven's test source set: test code.
public class DbTest {
    Connection open() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://staging.example.com/app?sslmode=require"); // pgtlslint-test: want PGTLS002
    }
}
