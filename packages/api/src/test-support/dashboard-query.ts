/**
 * A full dashboard read: every data set of the TikTok tab in one operation, with the page sizes a
 * seller's screen uses. Tests count its SQL statements and check its cost stays within the limits.
 */
export const FULL_DASHBOARD_QUERY = `
  query FullDashboard($asOf: Date, $from: Date, $to: Date, $customersFirst: Int = 50, $crossoverFirst: Int = 50, $topFirst: Int = 10) {
    shop {
      id name timezone currency weekStartsOn lastImportAt aovTarget { cents formatted }
      tiktok { connected connectedAt disconnectedAt }
      tiktokInsights(asOf: $asOf) {
        asOf
        allTime { ...Summary }
        last7Days { ...Period }
        dateRange(from: $from, to: $to) {
          ...Period
          topProducts(first: $topFirst) {
            rank unitsSold totalSales { cents formatted } previousUnitsSold previousRank product { id externalId name sku }
          }
        }
        customers(first: $customersFirst, orderBy: { field: NET_RECEIPTS, direction: DESC }) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { cursor node { ...Customer } }
        }
        cohorts { ...Cohort }
        weeklyCohorts: cohorts(by: WEEK, first: 8) { ...Cohort }
        crossover {
          sourcedCustomers crossoverCustomers crossoverRate crossoverNonTikTokNetReceipts { cents formatted }
          orderBreakdown { bucket customers share }
          medianDaysToCrossover
          daysToCrossover { bucket customers share }
          cumulativeByWeek { start end cumulativeSourcedCustomers cumulativeCrossoverCustomers crossoverRate }
          customers(first: $crossoverFirst) {
            totalCount
            pageInfo { hasNextPage endCursor }
            edges {
              cursor
              node {
                firstTikTokOrderAt firstCrossoverOrderAt nonTikTokOrders nonTikTokNetReceipts { cents formatted }
                customer { ...Customer }
              }
            }
          }
        }
      }
    }
  }
  fragment Summary on MetricSummary {
    totalOrders netReceipts { cents formatted } averageOrderValue { cents formatted } uniqueCustomers aovBelowTarget
  }
  fragment Period on PeriodInsights {
    start end previousStart previousEnd
    summary { ...Summary }
    previous { ...Summary }
    series {
      start end orders netReceipts { cents formatted } allChannelsNetReceipts { cents formatted }
      nonTikTokNetReceipts { cents formatted } tiktokShare uniqueCustomers firstTimeCustomers repeatCustomers
    }
    hourOfWeek { weekday hour orders netReceipts { cents formatted } }
    cancellations { ...Cancellations }
    previousCancellations { ...Cancellations }
  }
  fragment Cancellations on CancellationSummary {
    cancelledOrders refundedOrders lostNetReceipts { cents formatted } rate
  }
  fragment Cohort on Cohort {
    start end customers
    periods { index start end activeCustomers cumulativeCrossoverCustomers }
  }
  fragment Customer on TikTokCustomer {
    id tiktokCustomerId name firstOrderAt lastOrderAt orders netReceipts { cents formatted }
    address { line1 line2 city region postalCode country }
  }`;
