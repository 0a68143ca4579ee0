package com.example;

import java.sql.Connection;
import java.sql.DriverManager;

// Maven's main source set: not test code.
public class Db {
    public static Connection open() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://db.example.com/app?sslmode=require"); // pgtlslint-test: want PGTLS002
    }
}
